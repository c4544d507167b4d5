import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { contentSecurityPolicy } from './src/main/core/security/csp'

/**
 * Writes the one CSP into the built index.html as well. Electron's header route may not cover
 * file:// pages, and a meta policy travels with the file wherever it is loaded from; the web host
 * still sends the full policy (with frame-ancestors) as a header.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'earshot-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => ({
      html,
      tags: [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ delivery: 'meta' }) },
          injectTo: 'head-prepend'
        }
      ]
    })
  }
}

const shared = resolve(import.meta.dirname, 'src/shared')

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': shared } },
    build: {
      // Node 20 for the CLI/web host (Electron 40's Node 24 runs it as well).
      target: 'node20',
      rollupOptions: {
        // The CLI (earshot serve, …) is built beside the Electron main entry so that both
        // ship the same core; it never imports Electron and runs under plain Node.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          cli: resolve(import.meta.dirname, 'src/cli/index.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      rollupOptions: {
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    resolve: { alias: { '@shared': shared, '@renderer': resolve(import.meta.dirname, 'src/renderer/src') } },
    plugins: [vue(), cspMetaTag()],
    build: {
      // electron-vite leaves the renderer unminified (Electron reads it from disk), but the same
      // bundle is what `earshot serve` sends to every browser, and a third of the size is a
      // third less to parse before the deck paints.
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') }
    }
  }
})
