import { createApp } from 'vue'
import BookingApp from './BookingApp.vue'
import { i18n, setLocale, storedLocale } from './i18n'
import '../styles/tokens.css'
import './booking.css'

/** The public booking page (/book/): its own small app, no sign-in, no service worker, no staff code. */
setLocale(storedLocale())
createApp(BookingApp).use(i18n).mount('#app')
