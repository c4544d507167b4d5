import { ref, type Ref } from 'vue'
import type { TriageOutcome } from '@renderer/stores/triage'

/**
 * The last step of a triage settings form: `saving` while the store works (the submit button
 * waits), the store's refusal as the form's error sentence, `done` once it is saved.
 */
export function useFormSave(done: () => void): {
  error: Ref<string | null>
  saving: Ref<boolean>
  save: (run: () => Promise<TriageOutcome<unknown>>) => Promise<void>
} {
  const error = ref<string | null>(null)
  const saving = ref(false)

  async function save(run: () => Promise<TriageOutcome<unknown>>): Promise<void> {
    saving.value = true
    const result = await run()
    saving.value = false
    if (!result.ok) {
      error.value = result.message
      return
    }
    error.value = null
    done()
  }

  return { error, saving, save }
}
