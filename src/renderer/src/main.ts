import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { isWallUrl } from '@shared/wall'
import App from './App.vue'
import WallApp from './components/wall/WallApp.vue'
import './assets/theme.css'
import './assets/forms.css'
import './assets/controls.css'

// `?view=wall` (the read-only link of `earshot serve`, the desktop app's wall window) shows the
// wall screen instead of the deck; both run on the same stores and API.
createApp(isWallUrl(location.href) ? WallApp : App).use(createPinia()).mount('#app')
