/**
 * How deep a JSON text nests, found in one pass over the text and without recursion, so a body
 * nested 6,000 levels deep is refused before anything (JSON.parse, a schema, JSON.stringify) walks
 * it recursively. Brackets inside strings do not count. The text need not be valid JSON: the parser
 * that runs afterwards judges that.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5C) i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    }
    else if (c === 0x22) inString = true
    else if (c === 0x7B || c === 0x5B) {
      if (++depth > max) return true
    }
    else if (c === 0x7D || c === 0x5D) depth--
  }
  return false
}

/** The UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    // U+0080–U+07FF take 2 bytes, the rest of the BMP 3; a surrogate pair (two units) takes 4.
    bytes += c < 0x800 ? 1 : (c & 0xFC00) === 0xD800 ? 0 : 2
  }
  return bytes
}
