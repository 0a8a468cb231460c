// Preloaded with --import into a process under measurement: at exit, writes that process's peak
// resident set size (KB, getrusage's ru_maxrss) to the file named by PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
