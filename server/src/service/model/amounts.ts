import Big from 'big.js';

/** An amount of money, exact in decimal. */
export type Amount = Big;

const decimalLiteral = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * The exact amount a YAML number stands for: read from the digits as written when they are
 * a plain decimal (a float would turn `15000000000.20` into a neighbour of it), else from the
 * number itself (`0x10`, `1e3`).
 */
export function exactAmount(value: number, written: string | undefined): Amount {
  const source = written?.trim();
  if (source !== undefined && decimalLiteral.test(source)) return new Big(source.replace(/^\+/, ''));
  return new Big(value);
}

export function sumOf(amounts: readonly Amount[]): Amount {
  return amounts.reduce((sum, amount) => sum.plus(amount), new Big(0));
}

/** An amount as a plain decimal text, every digit kept, for formatting through `Intl.NumberFormat`. */
export function decimalText(amount: Amount): string {
  return amount.toFixed();
}
