// National Provider Identifiers: 10 digits, the last a Luhn check digit computed over the 9-digit base prefixed
// with the card issuer prefix 80840 (CMS, "NPI check digit").
import type { Random } from './prng.ts';

/** Luhn check digit for a digit string (the digit to append so that the whole passes the Luhn check). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Double every second digit counting from the right of the payload (the check digit will sit to its right).
    let digit = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function npiCheckDigit(base9: string): number {
  return luhnCheckDigit(`80840${base9}`);
}

export function isValidNpi(npi: string): boolean {
  return /^[12]\d{9}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** A syntactically valid NPI (first digit 1 for individuals, 2 for organizations). */
export function randomNpi(random: Random, kind: 'individual' | 'organization'): string {
  const base = `${kind === 'individual' ? '1' : '2'}${random.digits(8)}`;
  return `${base}${npiCheckDigit(base)}`;
}
