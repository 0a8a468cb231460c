// While the scan reads: objects read per source, pages, elapsed time; then the forecast's progress.
import { Box, Text } from 'ink';
import type { ScanProgress } from '../../app/scan.js';

const SOURCES: [string, string][] = [
  ['ad', 'AD users, groups, contacts'],
  ['users', 'cloud users'],
  ['groups', 'cloud groups'],
  ['contacts', 'cloud contacts'],
  ['deletedUsers', 'deleted users'],
  ['roles', 'role definitions, assignments'],
  ['domains', 'domains'],
];

function bar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export function ProgressView(props: { progress: ScanProgress | null }) {
  const p = props.progress;
  const seconds = ((p?.elapsedMs ?? 0) / 1000).toFixed(1);
  return (
    <Box flexDirection="column">
      <Text bold>
        {p?.phase === 'analysing' ? 'Forecasting every user…' : 'Reading the directory and the tenant…'}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {SOURCES.map(([key, label]) => (
          <Text key={key}>{`  ${label.padEnd(32)}${String(p?.read[key] ?? 0).padStart(9)}`}</Text>
        ))}
      </Box>
      <Text>{`  ${p?.pages ?? 0} pages · ${seconds} s elapsed`}</Text>
      {p?.phase === 'analysing' || p?.phase === 'done' ? (
        <Box marginTop={1}>
          <Text>{`  ${bar(p.analysed, p.total)} ${p.analysed} of ${p.total} users`}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
