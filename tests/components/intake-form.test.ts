import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import { LocalRejection } from '../../src/domain'
import { creditCodeCheckChar, residentIdCheckChar } from '../../src/domain'
import { i18n } from '../../src/i18n'
import caseFormsZhCN from '../../src/i18n/case-forms.zh-CN'
import zhCN from '../../src/i18n/zh-CN'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import IntakePage from '../../src/pages/IntakePage.vue'
import ReceiptPage from '../../src/pages/ReceiptPage.vue'
import { useCaseStore } from '../../src/stores/cases'
import { useUnsavedStore } from '../../src/stores/unsaved'
import { ITEMS, intakeFormLoaded, resetDb, setUpApp, until } from './support/fixtures'

// The form never talks to the network: the sync engine is not under test here.
vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

const VALID_ID = `11010519491231002${residentIdCheckChar('11010519491231002')}` // …002X
const WRONG_CHECK_ID = '110105194912310021'
const CREDIT_CODE = `91110105MA01ABCDE${creditCodeCheckChar('91110105MA01ABCDE')}`

let wrapper: VueWrapper
let takeIn: ReturnType<typeof vi.spyOn>

async function mountIntake() {
  const { pinia, router } = await setUpApp('/cases/new', [
    { path: '/cases/new', name: 'intake', component: IntakePage },
    { path: '/cases/:id/receipt', name: 'receipt', component: ReceiptPage, props: true },
  ])
  takeIn = vi.spyOn(useCaseStore(), 'takeIn')
  // Mounted through the router, as in the app: a saved intake moves on to its receipt's address.
  wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  // The catalogue arrives through a liveQuery; the options show when it has.
  await until(() => expect(wrapper.findAll('[data-testid="item-option"]').length).toBeGreaterThan(0))
  await intakeFormLoaded(wrapper)
}

const input = (name: string) => wrapper.find<HTMLInputElement>(`[name="${name}"]`)
const errorOf = (field: string) => wrapper.find(`#intake-${field}-error`)

async function chooseItem(name: string) {
  const option = wrapper.findAll('[data-testid="item-option"]').find(o => o.text().includes(name))
  if (!option) throw new Error(`no option ${name}`)
  await option.trigger('click')
}

/** Fills a person's intake for 身份证补办 at window 3, with this name and ID number. */
async function fillPerson(applicantName: string, idNumber: string) {
  await input('applicantName').setValue(applicantName)
  await input('idNumber').setValue(idNumber)
  await input('phone').setValue('13800138000')
  await chooseItem('身份证补办')
  await input('windowNo').setValue('3')
}

/** Submits, and waits until the form has dealt with it: the button is usable again, or the receipt has replaced the form. */
async function submit() {
  await wrapper.find('form').trigger('submit')
  await until(() => expect(wrapper.find('[data-testid="intake-submit"][disabled]').exists()).toBe(false))
  // Moving the focus to the first problem waits for the next render.
  await flushPromises()
}

beforeEach(async () => {
  await resetDb()
  await db.serviceItems.bulkPut(ITEMS)
  localStorage.clear()
})

afterEach(() => {
  wrapper?.unmount()
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('intake form', () => {
  it('shows the domain messages under the fields, keeps every value and saves nothing', async () => {
    await mountIntake()
    await input('applicantName').setValue('王小明')
    await input('idNumber').setValue(WRONG_CHECK_ID)
    await input('phone').setValue('1380013800')
    await chooseItem('身份证补办')
    await input('windowNo').setValue('3')
    await input('notes').setValue('周六错时服务')
    await submit()

    expect(errorOf('idNumber').text()).toBe(zhCN.field.residentId.checksum)
    expect(errorOf('phone').text()).toBe(zhCN.field.mobile.format)
    expect(input('idNumber').attributes('aria-invalid')).toBe('true')
    expect(input('idNumber').attributes('aria-describedby')).toContain('intake-idNumber-error')
    expect(errorOf('applicantName').exists()).toBe(false)
    // Focus goes to the first field to fix.
    expect(document.activeElement).toBe(input('idNumber').element)

    expect(input('applicantName').element.value).toBe('王小明')
    expect(input('idNumber').element.value).toBe(WRONG_CHECK_ID)
    expect(input('phone').element.value).toBe('1380013800')
    expect(input('windowNo').element.value).toBe('3')
    expect(wrapper.find<HTMLTextAreaElement>('[name="notes"]').element.value).toBe('周六错时服务')
    expect(wrapper.find('[data-testid="chosen-item"]').text()).toContain('身份证补办')
    expect(takeIn).not.toHaveBeenCalled()
    expect(await db.cases.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)

    await input('idNumber').setValue(VALID_ID)
    await input('phone').setValue('13800138000')
    await submit()
    await until(() => expect(wrapper.find('[data-testid="receipt"]').exists()).toBe(true))

    expect(takeIn).toHaveBeenCalledTimes(1)
    const caseNo = wrapper.find('[data-testid="receipt-case-no"]').text()
    expect(caseNo).toMatch(/^ORD-\d{8}-[0-9A-Z]{5}-0001$/)
    expect(wrapper.find('[data-testid="receipt"]').text()).toContain('1101**********002X')
    expect(wrapper.find('[data-testid="receipt"]').text()).not.toContain(VALID_ID)
    expect(await db.cases.count()).toBe(1)
    const [stored] = await db.cases.toArray()
    expect(stored).toMatchObject({ caseNo, idNumber: VALID_ID, materials: ['户口簿'], windowNo: '3', status: 'received' })
    const outbox = await db.outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ state: 'pending', entityId: stored!.id, mutation: { op: 'case.create' } })
  })

  it('asks an enterprise for its agent, then takes the case in', async () => {
    await mountIntake()
    await wrapper.find('[name="applicantType"][value="enterprise"]').setValue(true)
    expect(wrapper.find('label[for="intake-idNumber"]').text()).toContain(caseFormsZhCN.intake.idNumber.enterprise)
    // Items for people only are not offered to an enterprise.
    expect(wrapper.findAll('[data-testid="item-option"]').map(o => o.text()).join()).not.toContain('身份证补办')
    await input('applicantName').setValue('鄂尔多斯某某科技有限公司')
    await input('idNumber').setValue(CREDIT_CODE)
    await input('phone').setValue('139 0477 1234')
    await chooseItem('营业执照打印')
    await input('windowNo').setValue('5')
    await submit()

    expect(errorOf('contactName').text()).toBe(zhCN.field.required)
    expect(input('contactName').attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(input('contactName').element)
    expect(input('applicantName').element.value).toBe('鄂尔多斯某某科技有限公司')
    expect(input('idNumber').element.value).toBe(CREDIT_CODE)
    expect(input('phone').element.value).toBe('139 0477 1234')
    expect(takeIn).not.toHaveBeenCalled()

    await input('contactName').setValue('张伟')
    // A shown error goes away as soon as the field is right.
    expect(errorOf('contactName').exists()).toBe(false)
    await submit()
    await until(() => expect(wrapper.find('[data-testid="receipt-case-no"]').exists()).toBe(true))
    expect(await db.cases.count()).toBe(1)
    expect((await db.cases.toArray())[0]).toMatchObject({ applicantType: 'enterprise', contactName: '张伟', phone: '13904771234' })
    expect(await db.outbox.where('[state+seq]').between(['pending', 0], ['pending', Infinity]).count()).toBe(1)
  })

  it('accepts an ID number pasted with spaces or typed full-width, and stores it as ASCII', async () => {
    await mountIntake()
    const spaced = `${VALID_ID.slice(0, 6)} ${VALID_ID.slice(6, 14)} ${VALID_ID.slice(14, 17)}${VALID_ID[17]!.toLowerCase()}` // …002x
    const fullWidth = [...VALID_ID].map(c => String.fromCharCode(c.charCodeAt(0) + 0xFEE0)).join('') // １１０１…００２Ｘ
    await fillPerson('王小明', spaced)
    await input('idNumber').trigger('blur')
    expect(errorOf('idNumber').exists()).toBe(false)
    await input('idNumber').setValue(fullWidth)
    await input('idNumber').trigger('blur')
    expect(errorOf('idNumber').exists()).toBe(false)
    await submit()
    await until(() => expect(wrapper.find('[data-testid="receipt"]').exists()).toBe(true))
    const [stored] = await db.cases.toArray()
    expect(stored!.idNumber).toBe(VALID_ID)
    expect((await db.outbox.toArray())[0]!.mutation.payload.idNumber).toBe(VALID_ID)
  })

  it('refuses a name with a right-to-left override or a NUL, keeping what was typed', async () => {
    await mountIntake()
    const spoofed = '王\u202E明小'
    await fillPerson(spoofed, VALID_ID)
    await submit()
    expect(errorOf('applicantName').text()).toBe(zhCN.field.controlChars)
    expect(input('applicantName').element.value).toBe(spoofed)
    expect(takeIn).not.toHaveBeenCalled()
    await input('applicantName').setValue('王小明\u0000')
    await submit()
    expect(errorOf('applicantName').text()).toBe(zhCN.field.controlChars)
    expect(await db.cases.count()).toBe(0)
  })

  it('checks a field when it loses focus', async () => {
    await mountIntake()
    await input('phone').setValue('12345')
    expect(errorOf('phone').exists()).toBe(false)
    await input('phone').trigger('blur')
    expect(errorOf('phone').text()).toBe(zhCN.field.mobile.format)
    expect(errorOf('idNumber').exists()).toBe(false)
  })

  it('shows a rejection by the device rules on its field and a storage failure on the form, keeping the input', async () => {
    await mountIntake()
    await input('applicantName').setValue('王小明')
    await input('idNumber').setValue(VALID_ID)
    await input('phone').setValue('13800138000')
    await chooseItem('身份证补办')
    await input('windowNo').setValue('3')

    takeIn.mockRejectedValueOnce(new LocalRejection('INVALID', 'reject.applicantType', 'applicantType'))
    await submit()
    expect(wrapper.text()).toContain(zhCN.reject.applicantType)

    // A full disk says so, also when it arrives inside the AbortError of the transaction it ended.
    takeIn.mockRejectedValueOnce(Object.assign(new Error('aborted'), { name: 'AbortError', inner: new DOMException('quota', 'QuotaExceededError') }))
    await submit()
    expect(wrapper.find('[data-testid="form-error"]').text()).toBe(zhCN.storage.full)
    expect(input('idNumber').element.value).toBe(VALID_ID)

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    takeIn.mockRejectedValueOnce(new Error('something else'))
    await submit()
    expect(wrapper.find('[data-testid="form-error"]').text()).toBe(caseFormsZhCN.intake.saveFailed)
    expect(logged).toHaveBeenCalled()
    expect(input('idNumber').element.value).toBe(VALID_ID)
    expect(await db.cases.count()).toBe(0)
  })

  it('keeps a draft on the device and marks the form unsaved until it is taken in', async () => {
    await mountIntake()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    expect(useUnsavedStore().hasUnsaved).toBe(false)
    await input('applicantName').setValue('赵敏')
    await input('phone').setValue('13912345678')
    expect(useUnsavedStore().hasUnsaved).toBe(true)
    // Typing is written after a pause, as one write.
    await vi.advanceTimersByTimeAsync(399)
    expect(await db.meta.get('intakeDraft:u-clerk1')).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    await until(async () => expect(await db.meta.get('intakeDraft:u-clerk1')).toBeTruthy())
    wrapper.unmount()

    await mountIntake()
    await until(() => expect(input('applicantName').element.value).toBe('赵敏'))
    expect(input('phone').element.value).toBe('13912345678')
    expect(wrapper.find('[data-testid="draft-restored"]').exists()).toBe(true)
  })
})
