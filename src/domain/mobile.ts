/** Mainland mobile numbers: 11 digits, 1 then 3–9. Spaces and dashes people type are ignored. */
export const normaliseMobile = (value: string) => value.replace(/[\s-]/g, '')

export const isMobile = (value: string) => /^1[3-9]\d{9}$/.test(normaliseMobile(value))
