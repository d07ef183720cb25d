import { computed, type InjectionKey, inject, provide, reactive, ref, watch } from 'vue'
import { type ApplicantType, type CaseIntake, type Channel, type FieldErrors, type Role, validateIntake } from '../domain'

/** What the intake form holds while the clerk types; the same shape is kept as the device draft. */
export interface IntakeFormState {
  applicantType: ApplicantType
  applicantName: string
  idNumber: string
  contactName: string
  phone: string
  serviceItemId: string
  materials: string[]
  channel: Channel
  windowNo: string
  notes: string
  /** Set when the case is taken in from an appointment (到号). */
  appointmentId?: string
}

/** In the order they appear on the form; `form` is for errors that belong to no one field. */
export const INTAKE_FIELDS = [
  'applicantType', 'applicantName', 'idNumber', 'contactName', 'phone', 'serviceItemId', 'materials', 'channel', 'windowNo', 'notes',
] as const satisfies readonly (keyof IntakeFormState)[]
export type IntakeField = (typeof INTAKE_FIELDS)[number]
/** Each value is a full i18n key (field.required, reject.applicantType, …). */
export type IntakeErrors = Partial<Record<IntakeField | 'form', string>>

const TYPED: (keyof IntakeFormState)[] = ['applicantName', 'idNumber', 'contactName', 'phone', 'serviceItemId', 'notes']

/** Outreach staff take cases in at outreach points; everyone else at a window. */
export const emptyIntake = (role: Role | undefined, windowNo = ''): IntakeFormState => ({
  applicantType: 'person', applicantName: '', idNumber: '', contactName: '', phone: '', serviceItemId: '',
  materials: [], channel: role === 'outreach' ? 'outreach' : 'window', windowNo, notes: '', appointmentId: undefined,
})

export const isIntakeField = (name: string | undefined): name is IntakeField =>
  INTAKE_FIELDS.includes(name as IntakeField)

/** The domain's issues, keyed by our fields: `materials.3` belongs to `materials`. */
function errorKeys(errors: FieldErrors): IntakeErrors {
  const keyed: IntakeErrors = {}
  for (const [path, problem] of Object.entries(errors)) {
    if (!problem) continue
    const head = path.split('.')[0]
    keyed[isIntakeField(head) ? head : 'form'] ??= `field.${problem}`
  }
  return keyed
}

/**
 * State and validation of the intake form: the domain's validateIntake on submit and per field on
 * blur; a shown error is re-checked as the clerk types, so it disappears once fixed.
 */
export function useIntakeForm(initial: () => IntakeFormState) {
  const form = reactive(initial())
  const errors = ref<IntakeErrors>({})

  const current = (): IntakeErrors => {
    const result = validateIntake(form)
    return result.ok ? {} : errorKeys(result.errors)
  }

  /** On blur: show (or clear) this field's message. */
  function touch(field: IntakeField) {
    errors.value = { ...errors.value, [field]: current()[field] }
  }

  /** On submit: the intake to store, or null with every message shown. */
  function validateAll(): CaseIntake | null {
    const result = validateIntake(form)
    if (result.ok) {
      errors.value = {}
      return result.value
    }
    errors.value = errorKeys(result.errors)
    return null
  }

  watch(form, () => {
    const shown = Object.keys(errors.value).filter(k => k !== 'form' && errors.value[k as IntakeField]) as IntakeField[]
    if (!shown.length) return
    const now = current()
    errors.value = { form: errors.value.form, ...Object.fromEntries(shown.map(f => [f, now[f]])) }
  })

  const errorCount = computed(() => Object.values(errors.value).filter(Boolean).length)
  /** Anything the clerk typed or picked (defaults like the channel do not count). */
  const isDirty = computed(() => TYPED.some(key => String(form[key]).trim() !== ''))

  function reset(next: IntakeFormState) {
    Object.assign(form, next)
    errors.value = {}
  }

  return { form, errors, errorCount, isDirty, touch, validateAll, reset }
}

export type IntakeFormContext = ReturnType<typeof useIntakeForm>
const KEY: InjectionKey<IntakeFormContext> = Symbol('intake-form')

export const provideIntakeForm = (context: IntakeFormContext) => provide(KEY, context)

/** For the form's parts (applicant, item, materials, channel): the form they belong to. */
export function useIntakeFormContext(): IntakeFormContext {
  const context = inject(KEY)
  if (!context) throw new Error('intake form parts must be inside IntakeForm')
  return context
}
