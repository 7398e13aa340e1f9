// The ceiling: a bare node:http handler that reads a JSON POST, parses it and answers 200, the
// least any webhook server must do. Runs as its own process: `ceiling-server.ts <port>`.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '7' });
      res.end('success');
    } catch {
      res.writeHead(400);
      res.end();
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
