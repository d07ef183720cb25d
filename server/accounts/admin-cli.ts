import path from 'node:path'
import { createInterface } from 'node:readline'
import { openSqliteStore } from '../store/sqlite-store'
import { FirstAdminError, createAdministrator } from './first-admin'

/**
 * `npm run admin:create -- --username <name> --name <full name> [--center-code ORD --center-name …]
 * [--data-dir ./data]`: creates an administrator. The password is read from standard input (one
 * line; piped, or typed at a prompt that does not echo it), never from the command line, where it
 * would stay in the shell's history. Exit 0 when created, 1 when refused, 2 when it cannot run.
 */
function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) throw new FirstAdminError(`Unexpected argument ${arg}`)
    const [key, inline] = arg.slice(2).split(/=(.*)/s)
    const value = inline ?? argv[++i]
    if (value === undefined) throw new FirstAdminError(`--${key} needs a value`)
    out[key!] = value
  }
  return out
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
  }
  const ask = async (question: string) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
    // Typed characters are not echoed.
    const write = rl as unknown as { _writeToOutput: (s: string) => void }
    write._writeToOutput = (s: string) => { if (s.includes(question)) process.stdout.write(s) }
    const answer = await new Promise<string>(resolve => rl.question(question, resolve))
    rl.close()
    process.stdout.write('\n')
    return answer
  }
  const first = await ask('Password for the new administrator: ')
  if (first !== await ask('The same password again: ')) throw new FirstAdminError('The two passwords differ.')
  return first
}

try {
  const opts = args(process.argv.slice(2))
  if (!opts.username || !opts.name) throw new FirstAdminError('Give --username and --name (e.g. --username gao.jg --name 高建国).')
  const dataDir = path.resolve(opts['data-dir'] ?? process.env.DATA_DIR ?? './data')
  const password = await readPassword()
  const store = openSqliteStore(dataDir)
  try {
    await store.migrate()
    const center = opts['center-code'] ? { code: opts['center-code'], name: opts['center-name'], nameEn: opts['center-name-en'] } : undefined
    const account = await createAdministrator(store, { username: opts.username, name: opts.name, password, center })
    console.info(`Administrator ${account.username} (${account.name}) created in ${dataDir}. Sign in with it, then create the staff under 员工账户.`)
  }
  finally {
    await store.close()
  }
}
catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = error instanceof FirstAdminError ? 1 : 2
}
