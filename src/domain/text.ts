/**
 * Text as people type it, made safe to store and show: names and free text are NFC-normalised
 * (one form for the same characters, so search and comparison agree) and may hold no control
 * characters — C0 and C1 controls (a line break only in multi-line fields) and the bidirectional
 * controls that make a name display as something else (U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C). The intake schema, the status notes and the booking form use these rules.
 */

const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/

const CONTROL_OR_NEWLINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/

/** NFC, with CR LF and lone CR (pasted from other systems) made LF. */
export const normaliseText = (text: string): string => text.replace(/\r\n?/g, '\n').normalize('NFC')

/** Whether `text` holds a character the field refuses; `multiline` allows the line break (LF). */
export const hasControlChars = (text: string, opts: { multiline?: boolean } = {}): boolean =>
  (opts.multiline ? CONTROL : CONTROL_OR_NEWLINE).test(text)

/**
 * An ID number as typed or pasted: full-width letters and digits (０-９, Ｘ, ｘ, from a Chinese input
 * method) become ASCII, spaces of any width are dropped (`1501 0219 …` from a document) and letters
 * are upper-cased (a lower x as check character), so the form and the server check the same text.
 */
export function normaliseIdNumber(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase()
}
