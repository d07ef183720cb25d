import { randomInt } from 'node:crypto'

/**
 * A one-time password an administrator reads out or hands over: 12 characters from an alphabet
 * without look-alikes (no 0/O, 1/l/I), in groups of four, about 62 bits of entropy. It meets the
 * password policy, and is changed at the first sign-in anyway.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

export function oneTimePassword(): string {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''))
  return groups.join('-')
}
