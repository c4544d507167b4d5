import type { Post } from '@shared/domain/post'
import { useAccountsStore } from '@renderer/stores/accounts'
import { useComposerStore } from '@renderer/stores/composer'
import { useSystemStore } from '@renderer/stores/system'

/**
 * Replying from wherever a post is shown (column, search, thread, the `r` key): who may reply
 * and the verb that opens the composer.
 */
export function useReply() {
  const accounts = useAccountsStore()
  const composer = useComposerStore()
  const system = useSystemStore()

  /** Replies need full access and a connected account of the post's network. */
  function canReply(post: Post): boolean {
    return !system.readOnly && system.info !== null && accounts.networks.has(post.network)
  }

  /** Opens the reply composer; false when replying to this post is not possible here. */
  function reply(post: Post): boolean {
    if (!canReply(post)) return false
    composer.openReply(post)
    return true
  }

  return { canReply, reply }
}
