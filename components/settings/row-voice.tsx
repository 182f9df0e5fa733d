"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

// A table row with several controls says one refusal at a time: the last control used owns the
// row's message, so a refused removal after a refused demotion does not leave the same sentence on
// screen twice. Outside a VoicedRow every control shows its own error.
const RowVoice = createContext<{ speaker: string | null; speak: (who: string) => void }>({
  speaker: null,
  speak: () => {},
});

export function VoicedRow({ children }: { children: ReactNode }) {
  const [speaker, speak] = useState<string | null>(null);
  return (
    <RowVoice.Provider value={{ speaker, speak }}>
      <tr>{children}</tr>
    </RowVoice.Provider>
  );
}

/** The error a control may show (its own, while it was the row's last control used), and how it claims the row. */
export function useRowError(who: string, error: Error | null) {
  const { speaker, speak } = useContext(RowVoice);
  return { message: speaker === null || speaker === who ? error?.message : undefined, claim: () => speak(who) };
}
