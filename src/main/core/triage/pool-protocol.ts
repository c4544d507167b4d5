/** Messages between the triage pool and its worker threads (plain, structured-cloneable data). */
import type { StoredTriage } from '@shared/triage/types'
import type { PostInput } from './classify'
import type { Brand } from './normalize'
import type { LearnExample } from './stored'

export type WorkerRequest =
  | { type: 'classify'; id: number; posts: PostInput[]; brand: Brand }
  | { type: 'learn'; examples: LearnExample[] }

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'classified'; id: number; triage: StoredTriage[] }
  | { type: 'failed'; id: number; message: string }
