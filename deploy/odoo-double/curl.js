#!/usr/local/bin/node
/* global require, process, Buffer */
// The official odoo image ships curl (its health checks and operators use it). This image has no
// curl of its own: this is the part of it the platform uses (http only):
//   curl -fsS [-o FILE] [-m SECONDS] [-X METHOD] [-H 'Name: value']... [--data-binary @FILE|@-] [-w '%{http_code}'] URL
// Exit codes as curl's: 0 ok, 22 HTTP error with -f, 7 connection failed, 28 timeout. Redirects are
// not followed (no -L), as curl's default.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain node script in the image
const http = require('node:http');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('node:fs');
const args = process.argv.slice(2);
let output = null;
let failOnError = false;
let timeoutSeconds = 0;
let url = null;
let method = null;
let writeOut = null;
let data = null;
const headers = {};
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '-o') output = args[++i];
  else if (arg === '-m' || arg === '--max-time') timeoutSeconds = Number(args[++i]);
  else if (arg === '-X' || arg === '--request') method = args[++i];
  else if (arg === '-w' || arg === '--write-out') writeOut = args[++i];
  else if (arg === '-H' || arg === '--header') {
    const header = args[++i];
    const colon = header.indexOf(':');
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  } else if (arg === '--data-binary') {
    const source = args[++i];
    data = source === '@-' ? fs.readFileSync(0) : source.startsWith('@') ? fs.readFileSync(source.slice(1)) : Buffer.from(source);
  } else if (/^-[fsSL]+$/.test(arg)) failOnError = failOnError || arg.includes('f');
  else if (!arg.startsWith('-')) url = arg;
}
if (!url) { process.stderr.write('curl: no URL specified\n'); process.exit(2); }
if (data) headers['Content-Length'] = String(data.length);
const request = http.request(url, { method: method ?? (data ? 'POST' : 'GET'), headers }, (response) => {
  if (failOnError && response.statusCode >= 400) { response.resume(); process.exit(22); }
  const sink = output && output !== '-' ? fs.createWriteStream(output) : process.stdout;
  response.pipe(sink, { end: sink !== process.stdout });
  response.on('end', () => {
    const finish = () => {
      if (writeOut) process.stdout.write(writeOut.replace('%{http_code}', String(response.statusCode)).replace(/\\n/g, '\n'));
      process.exit(0);
    };
    if (sink === process.stdout) finish();
    else sink.on('finish', finish);
  });
});
if (timeoutSeconds > 0) request.setTimeout(timeoutSeconds * 1000, () => { request.destroy(); process.exit(28); });
request.on('error', () => process.exit(7));
request.end(data ?? undefined);
