// `npm start`: install what is missing, build the app, serve it, print its URL.
import { spawn } from 'node:child_process';
import { ROOT, ensureDependencies, run } from './ensure.mjs';

ensureDependencies();
run('npx', ['vite', 'build']);
const port = process.env.PORT ?? '4173';
const server = spawn('npx', ['vite', 'preview', '--port', port, '--strictPort', '--host', process.env.HOST ?? '127.0.0.1'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let announced = false;
server.stdout.on('data', (chunk) => {
  const text = chunk.toString();
  if (!announced && /Local:/.test(text)) {
    announced = true;
    console.log(`\nGradscope is running at http://${process.env.HOST ?? '127.0.0.1'}:${port}/  (Ctrl+C stops it)\n`);
  }
  if (process.env.VERBOSE) process.stdout.write(text);
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
