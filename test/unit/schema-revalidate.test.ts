import { strict as assert } from 'node:assert';
import { pointerOf } from '../../server/src/service/document/data';
import { revalidateMoved, validate, type SchemaResult } from '../../server/src/service/schema/validate';
import { configSchemaRoot } from '../../server/src/service/schema/files';

/** A result in an order of its own, so that results found in different orders compare. */
const sorted = (result: SchemaResult | undefined) =>
  result && {
    problems: result.problems.map((problem) => JSON.stringify({ ...problem, path: pointerOf(problem.path) })).sort(),
    invalidPointers: [...result.invalidPointers].sort(),
  };

const member = (id: string, role: string) => ({ id, role, name: id });
const plan = (team: unknown[]) => ({ mktplan: '1', title: 'T', team });

describe('revalidateMoved', () => {
  it('validates the items put in a list and moves what was found in the items after them', () => {
    const before = plan([member('anna', 'cmo'), member('ben', 'boss'), member('chi', 'cso'), member('dan', 'chief')]);
    const after = plan([member('anna', 'cmo'), { id: 'eve', role: 'nobody' }, member('dan', 'chief')]);
    const moved = revalidateMoved(validate(before), { list: ['team'], at: 1, removed: 2, added: 1 }, after);
    assert.ok(moved);
    assert.deepEqual(
      moved.problems.map((problem) => pointerOf(problem.path)).filter((pointer) => pointer.startsWith('/team')).sort(),
      ['/team/1/role', '/team/2/role'],
    );
    assert.deepEqual(sorted(moved), sorted(validate(after)));
  });

  it('keeps what was found before the items and elsewhere in the file', () => {
    const before = { ...plan([member('anna', 'boss'), member('ben', 'cmo')]), extra: 1 };
    const after = { ...plan([member('anna', 'boss'), member('chi', 'cso'), member('ben', 'cmo')]), extra: 1 };
    const moved = revalidateMoved(validate(before), { list: ['team'], at: 1, removed: 0, added: 1 }, after);
    assert.deepEqual(sorted(moved), sorted(validate(after)));
    assert.ok(moved?.problems.some((problem) => pointerOf(problem.path) === '/extra'));
    assert.ok(moved?.invalidPointers.has('/team/0/role'));
  });

  it('leaves a list that its schema does not describe to a whole validation', () => {
    assert.equal(revalidateMoved(validate({ rules: [] }, configSchemaRoot), { list: ['nowhere'], at: 0, removed: 0, added: 1 }, {}, configSchemaRoot), undefined);
  });
});
