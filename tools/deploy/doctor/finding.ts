// What a doctor check reports: a problem that blocks deploying (error), something to know
// (warning), or a passed check (ok). Every non-ok finding carries the exact fix.
export type Level = 'error' | 'warning' | 'ok';

export interface Finding {
  level: Level;
  /** Short name of the setting or check, e.g. "appid". */
  check: string;
  message: string;
  fix?: string;
}

export const ok = (check: string, message: string): Finding => ({ level: 'ok', check, message });

export const error = (check: string, message: string, fix: string): Finding => ({
  level: 'error',
  check,
  message,
  fix,
});

export const warning = (check: string, message: string, fix: string): Finding => ({
  level: 'warning',
  check,
  message,
  fix,
});

const MARK: Record<Level, string> = { error: '✗', warning: '!', ok: '✓' };

export function formatFindings(findings: Finding[]): string {
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  const lines = [
    errors
      ? `doctor: ${errors} problem(s) to fix before deploying, ${warnings} warning(s)`
      : `doctor: ready to deploy, ${warnings} warning(s)`,
  ];
  const order: Level[] = ['error', 'warning', 'ok'];
  for (const level of order) {
    for (const finding of findings.filter((f) => f.level === level)) {
      lines.push(`  ${MARK[level]} ${finding.check}: ${finding.message}`);
      if (finding.fix) lines.push(`      fix: ${finding.fix}`);
    }
  }
  return lines.join('\n');
}
