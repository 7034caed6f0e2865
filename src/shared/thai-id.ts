/**
 * Thai 13-digit identification numbers: the national ID of a person and the tax ID of a juristic
 * person share one check digit (mod 11 over the first twelve digits, weights 13 down to 2).
 */

/** Digits only, or null when the input is not 13 digits once spaces and dashes are removed. */
export function normaliseThaiId(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{13}$/.test(digits) ? digits : null;
}

export function thaiIdCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

export function isValidThaiId(input: string): boolean {
  const digits = normaliseThaiId(input);
  if (!digits) return false;
  return thaiIdCheckDigit(digits.slice(0, 12)) === Number(digits[12]);
}

/** 1-2345-67890-12-3, the way it is printed on Thai cards and receipts. */
export function formatThaiId(digits: string): string {
  const groups = [digits.slice(0, 1), digits.slice(1, 5), digits.slice(5, 10), digits.slice(10, 12), digits.slice(12)];
  return groups.join('-');
}
