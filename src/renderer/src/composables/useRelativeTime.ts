import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import { describeRelative, formatAbsolute, formatRelative } from '@renderer/lib/format'
import { useNow } from './useNow'

export interface RelativeTime {
  /** Compact, for the eye: "3 min". */
  label: ComputedRef<string>
  /** Spoken: "3 minutes ago". */
  spoken: ComputedRef<string>
  /** Machine-readable, for `<time datetime>`. */
  iso: ComputedRef<string>
  /** Full date and time, for the tooltip. */
  absolute: ComputedRef<string>
}

/** A timestamp's age, kept current by the one shared clock. */
export function useRelativeTime(time: MaybeRefOrGetter<number>): RelativeTime {
  const now = useNow()
  return {
    label: computed(() => formatRelative(toValue(time), now.value)),
    spoken: computed(() => describeRelative(toValue(time), now.value)),
    iso: computed(() => new Date(toValue(time)).toISOString()),
    absolute: computed(() => formatAbsolute(toValue(time)))
  }
}
