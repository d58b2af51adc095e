#!/usr/local/bin/node
/* global require, process */
// The official odoo image ships curl (its health checks and operators use it). This image has no
// curl of its own: this is the part of it the platform uses, `curl -fsS [-o FILE] [-m SECONDS] URL`
// (http only). Exit codes as curl's: 0 ok, 22 HTTP error with -f, 7 connection failed, 28 timeout.
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
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '-o') output = args[++i];
  else if (arg === '-m' || arg === '--max-time') timeoutSeconds = Number(args[++i]);
  else if (/^-[fsSL]+$/.test(arg)) failOnError = failOnError || arg.includes('f');
  else if (!arg.startsWith('-')) url = arg;
}
if (!url) { process.stderr.write('curl: no URL specified\n'); process.exit(2); }
const request = http.get(url, (response) => {
  if (failOnError && response.statusCode >= 400) { response.resume(); process.exit(22); }
  const sink = output && output !== '-' ? fs.createWriteStream(output) : process.stdout;
  response.pipe(sink);
  response.on('end', () => process.exit(0));
});
if (timeoutSeconds > 0) request.setTimeout(timeoutSeconds * 1000, () => { request.destroy(); process.exit(28); });
request.on('error', () => process.exit(7));
