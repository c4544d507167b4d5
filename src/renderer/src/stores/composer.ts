import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { Post } from '@shared/domain/post'

/** What the composer is open for: a new post, or a reply to one post. */
export type ComposerTarget = { kind: 'post' } | { kind: 'reply'; post: Post }

/** Opens and closes the one composer; says what happened once it closes. */
export const useComposerStore = defineStore('composer', () => {
  const target = ref<ComposerTarget | null>(null)
  /** A polite line after queueing ("Queued — it goes out as soon as Mastodon is reachable"). */
  const announcement = ref('')

  function openReply(post: Post): void {
    announcement.value = ''
    target.value = { kind: 'reply', post }
  }

  function openPost(): void {
    announcement.value = ''
    target.value = { kind: 'post' }
  }

  function close(message = ''): void {
    target.value = null
    announcement.value = message
  }

  return { target, announcement, openReply, openPost, close }
})
