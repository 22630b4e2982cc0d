/**
 * Per-academy circuit breakers of one instance. While an academy's registry fails, the
 * worker does not even claim that academy's entries (they stay due in the database); when
 * the probe time comes, exactly one entry goes as the probe. A success closes the circuit,
 * a failure sets the next probe time. In memory: each instance has its own breakers and
 * probes on its own, which is one request per instance and round.
 */
export class AcademyGates {
  private readonly gates = new Map<string, { until: number; probing: boolean }>();

  /** A probe that never reported (its delivery crashed) stops blocking after this long. */
  constructor(private readonly probeTimeoutMs = 120_000) {}

  /** Academies whose entries must not be claimed now (circuit open, or its probe in flight). */
  blocked(now: Date): string[] {
    const out: string[] = [];
    for (const [academyId, gate] of this.gates) if (gate.until > now.getTime()) out.push(academyId);
    return out;
  }

  /**
   * May an entry of this academy be sent now? `go` (healthy, or it becomes the probe), or
   * the time to postpone it to (another entry is probing, or the circuit is open).
   */
  admit(academyId: string, now: Date): 'go' | Date {
    const gate = this.gates.get(academyId);
    if (!gate) return 'go';
    if (gate.until > now.getTime()) return new Date(gate.until);
    // This entry becomes the probe; the academy stays blocked until it reports (or times out).
    gate.probing = true;
    gate.until = now.getTime() + this.probeTimeoutMs;
    return 'go';
  }

  /** A retryable failure: the next probe is due at `until`. True when this starts a new round. */
  failed(academyId: string, until: Date): boolean {
    const gate = this.gates.get(academyId);
    const newRound = !gate || gate.probing;
    this.gates.set(academyId, { until: newRound ? until.getTime() : Math.max(until.getTime(), gate.until), probing: false });
    return newRound;
  }

  /** Closes the circuit; true if it was open or probing. */
  close(academyId: string): boolean {
    return this.gates.delete(academyId);
  }
}
