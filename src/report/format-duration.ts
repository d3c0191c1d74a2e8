// Durations for sentences a person reads: `1 s`, `4 min 5 s`, `4 h`, `2 d 3 h`. Machine formats
// (CSV, JSON) carry plain seconds instead.

function seconds(s: number): string {
  return Number.isInteger(s) ? String(s) : String(Math.round(s * 1000) / 1000);
}

export function formatDuration(s: number): string {
  if (s !== s) return '-';
  if (s < 0) return '-' + formatDuration(-s);
  if (s < 60) return `${seconds(s)} s`;
  const t = Math.round(s);
  if (t < 3600) {
    const m = Math.floor(t / 60);
    const r = t % 60;
    return r ? `${m} min ${r} s` : `${m} min`;
  }
  if (t < 86_400) {
    const h = Math.floor(t / 3600);
    const m = Math.floor((t % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(t / 86_400);
  const h = Math.floor((t % 86_400) / 3600);
  return h ? `${d} d ${h} h` : `${d} d`;
}
