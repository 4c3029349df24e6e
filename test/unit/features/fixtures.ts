/** A strategy file that a plan imports: it lends its team members and objectives, not its channels. */
export const strategyFile = `mktplan: "1"
title: Company strategy
team:
  - {id: an, role: ceo, name: Nguyen An}
  - {id: binh, role: marketing-manager, name: Do Binh}
strategy:
  owner: an
  objectives:
    - {id: growth, statement: Grow revenue}
plan:
  channels:
    - {id: radio, type: advertising}
`;

/** A plan that imports \`strategyFile\` and names its ids. */
export const importingPlan = `mktplan: "1"
imports: [./strategy.mktplan.yaml]
team:
  - {id: chi, role: marketing-specialist, name: Vo Chi}
plan:
  owner: binh
  implements: [growth]
  channels:
    - {id: social, type: social}
  campaigns:
    - {id: c1, name: C1, channels: [social]}
`;
