/**
 * 设置 (settings) page words, en: loaded with the page, out of the first load
 * (lazy-messages.ts). Same keys as settings.zh-CN.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const settingsEn = {
  settings: {
    title: 'Settings',
    intro: 'These settings apply to this device only.',
    idleLock: {
      title: 'Automatic lock',
      legend: 'Lock this device after no input for',
      minutes: '{n} minutes',
      never: 'Never',
      hint: 'When locked, everyone’s sign-in and unsynced changes stay on the device and a PIN unlocks it; an intake form in progress is kept as a draft.',
      neverNote: 'Shared devices should lock automatically, so no one else can work under your name.',
      saved: 'Saved.',
    },
  },
}

export default settingsEn
