// Shared load settings, so the ceiling and the ingest runs are comparable within one run.

export const LOAD = {
  /** autocannon connections (DEPENDENCIES.md measured node:http with 50). */
  connections: 50,
  /** Measured seconds of each saturation run (plus the warm-up). */
  fullSeconds: 8,
  quickSeconds: 1,
  /** Unmeasured warm-up seconds before each saturation run. */
  fullWarmupSeconds: 1,
  quickWarmupSeconds: 0.5,
  /**
   * Ingest is measured in rounds that alternate with the ceiling (the host's load changes from
   * minute to minute on a shared VM): the ratio is the median of the rounds' ratios.
   */
  ingestRounds: 3,
  ingestRoundSeconds: 3,
} as const;
