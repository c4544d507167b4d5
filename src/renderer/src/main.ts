import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './assets/theme.css'
import './assets/forms.css'
import './assets/controls.css'

createApp(App).use(createPinia()).mount('#app')
