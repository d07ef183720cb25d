/** A case row's height before one is measured (CSS: .case-row__link height), wide and narrow layout. */
export const estimateRowHeight = () => (window.matchMedia('(max-width: 900px)').matches ? 112 : 77)

/** How many rows the first screen shows at most (main.ts reads that many cases before the first paint). */
export const firstScreenRows = () => Math.ceil(window.innerHeight / estimateRowHeight())
