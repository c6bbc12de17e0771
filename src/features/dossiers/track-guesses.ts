/**
 * Wrong proofs (last four digits) per dossier code, kept in memory, so that guessing a code's four digits
 * from many addresses is bounded too: after `max` wrong proofs within `windowMs` the code accepts no more
 * proofs until the window ends. The space is 10,000 values and two of them match (phone and ID number), so
 * each wrong proof rules out little; the bound, not the space, keeps the personal data. Per server: with
 * several servers the bound is per server. At most `maxCodes` codes are remembered (oldest first out).
 */
export class ProofGuesses {
  private readonly entries = new Map<string, { failures: number; until: number }>();

  constructor(private readonly options: { max: number; windowMs: number; maxCodes: number }) {}

  /** Milliseconds until proofs for this code are taken again; 0 when they are. */
  blockedFor(code: string, now: number): number {
    const entry = this.entries.get(code);
    if (!entry) return 0;
    if (entry.until <= now) {
      this.entries.delete(code);
      return 0;
    }
    return entry.failures >= this.options.max ? entry.until - now : 0;
  }

  fail(code: string, now: number): void {
    const entry = this.entries.get(code);
    if (entry && entry.until > now) {
      entry.failures++;
      return;
    }
    if (this.entries.size >= this.options.maxCodes) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(code, { failures: 1, until: now + this.options.windowMs });
  }
}
