import { useI18n } from 'vue-i18n'
import type { OutboxEntry } from '../db/database'

/** Words for outbox entries: operation names, field names and why the central system said no. */
export function useChangeText() {
  const { t, te } = useI18n()

  const fieldName = (field: string) => te(`fieldName.${field}`) ? t(`fieldName.${field}`) : field
  const fieldList = (fields: string[]) => fields.map(fieldName).join(t('app.listSeparator'))
  const opName = (entry: OutboxEntry) => te(`op.${entry.mutation.op}`) ? t(`op.${entry.mutation.op}`) : entry.mutation.op

  /** The i18n text of the reason when the app knows the key, else the server's own message. */
  function reason(entry: OutboxEntry): string {
    const result = entry.result
    if (!result) return ''
    if (result.status === 'conflict') return t('outbox.conflict', { fields: fieldList(result.fields) })
    const text = result.reason && te(result.reason) ? t(result.reason) : result.message
    return result.field ? t('outbox.fieldReason', { field: fieldName(result.field), reason: text }) : text
  }

  /** A transition's action, else the operation: what the change was, in a few words. */
  function changeName(entry: OutboxEntry): string {
    const action = entry.mutation.payload.action
    if (entry.mutation.op === 'case.transition' && typeof action === 'string' && te(`action.${action}`)) return t(`action.${action}`)
    return opName(entry)
  }

  return { fieldName, fieldList, opName, reason, changeName }
}
