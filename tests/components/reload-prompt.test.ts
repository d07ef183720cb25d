import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import ReloadPrompt from '../../src/components/app/ReloadPrompt.vue'
import { i18n } from '../../src/i18n'
import zhCN from '../../src/i18n/zh-CN'
import { useUnsavedStore } from '../../src/stores/unsaved'
import { withSyncLock } from '../../src/sync/sync-lock'

const updateServiceWorker = vi.fn(async () => {})
vi.mock('virtual:pwa-register/vue', () => ({
  useRegisterSW: () => ({ offlineReady: ref(false), needRefresh: ref(true), updateServiceWorker }),
}))

beforeEach(() => {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'zh-CN'
  updateServiceWorker.mockClear()
})

const mountPrompt = () => mount(ReloadPrompt, { global: { plugins: [i18n] } })

describe('update prompt', () => {
  it('never reloads over a form with unsaved input', async () => {
    useUnsavedStore().mark('intake', true)
    const wrapper = mountPrompt()
    await wrapper.find('[data-testid="reload-now"]').trigger('click')
    await flushPromises()
    expect(updateServiceWorker).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="reload-blocked"]').text()).toBe(zhCN.reload.unsaved)
  })

  it('waits for a running sync round, then reloads', async () => {
    let finishRound!: () => void
    const round = withSyncLock(() => new Promise<void>((resolve) => { finishRound = resolve }))
    const wrapper = mountPrompt()
    await wrapper.find('[data-testid="reload-now"]').trigger('click')
    await flushPromises()
    expect(updateServiceWorker).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="reload-now"]').text()).toBe(zhCN.reload.waitingForSync)
    finishRound()
    await round
    await flushPromises()
    expect(updateServiceWorker).toHaveBeenCalledWith(true)
  })
})
