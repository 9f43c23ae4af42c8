/** A date-time as the dashboard shows it: ISO, to the second, in UTC (the sandbox clock's zone). */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  return `${value.slice(0, 19).replace('T', ' ')} UTC`;
}

/** A datetime-local input's value (the browser's zone) as an ISO date-time, or undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export const formatNumber = (value: number) => value.toLocaleString('en-US');
