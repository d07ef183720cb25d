import type { MessageContext, MessageFunction } from 'vue-i18n'

/**
 * A small message compiler for vue-i18n's `messageCompiler` option, so the app ships without
 * @intlify/message-compiler (about 5 KB gzipped of the first load; vite.config.ts drops it with
 * __INTLIFY_DROP_MESSAGE_COMPILER__). It covers the syntax our messages use — plain text, `{name}`,
 * `{0}`, `{'literal'}` and plural cases split by `|` — and builds the same functions vue-i18n's
 * JIT compiler does (tests/unit/i18n-compile-message.test.ts compares every message with it).
 */
type Part = string | { named: string } | { list: number }
/** What vue-i18n hands a message function at run time (its d.ts leaves out the helpers its compiler uses). */
type Context = MessageContext<string> & { type: string, normalize(values: unknown[]): string, interpolate(value: unknown): string }
type Compiled = (ctx: Context) => string

const cache = new Map<string, Compiled>()

function parseCase(source: string): Part[] {
  const parts: Part[] = []
  let text = ''
  const push = (part: Part) => {
    if (typeof part === 'string') text += part
    else {
      if (text) parts.push(text)
      text = ''
      parts.push(part)
    }
  }
  const placeholder = /\{\s*(?:'((?:[^'\\]|\\.)*)'|(\d+)|([A-Za-z_$][\w$-]*))\s*\}/y
  for (let i = 0; i < source.length;) {
    placeholder.lastIndex = i
    const match = source[i] === '{' ? placeholder.exec(source) : null
    if (!match) { push(source[i++]!); continue }
    const [whole, literal, index, name] = match
    if (literal !== undefined) push(literal.replace(/\\(.)/g, '$1'))
    else if (index !== undefined) push({ list: Number(index) })
    else push({ named: name! })
    i += whole.length
  }
  if (text) parts.push(text)
  return parts
}

function formatCase(ctx: Context, parts: Part[]): string {
  if (parts.length === 1 && typeof parts[0] === 'string') return ctx.type === 'text' ? parts[0] : ctx.normalize([parts[0]])
  return ctx.normalize(parts.map(part =>
    typeof part === 'string' ? part : ctx.interpolate('named' in part ? ctx.named(part.named) : ctx.list(part.list))))
}

export function compileMessage(message: unknown): MessageFunction<string> {
  const source = String(message)
  let compiled = cache.get(source)
  if (compiled) return compiled as unknown as MessageFunction<string>
  // A `|` inside braces ({'|'}) is text, not a plural separator.
  const cases = source.split(/\s*\|\s*(?![^{]*\})/).map(parseCase)
  compiled = cases.length === 1
    ? ctx => formatCase(ctx, cases[0]!)
    : ctx => ctx.plural(cases.map(parts => formatCase(ctx, parts))) as string
  cache.set(source, compiled)
  return compiled as unknown as MessageFunction<string>
}
