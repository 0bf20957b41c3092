// Drives the official @wecom/crypto 1.0.1 for OppBot's interop tests
// (tests/OppBot.Bot.Tests/Interop/WeComCryptoInteropTests.cs).
//
// stdin: one operation or an array of them (JSON); stdout: one result or an array, in the same order.
//   { "op": "sign",    "token", "timestamp", "nonce", "encrypt" }             -> { "signature" }
//   { "op": "encrypt", "encodingAESKey", "message", "receiveId", "randomHex"? } -> { "encrypt" }
//   { "op": "decrypt", "encodingAESKey", "encrypt" }                         -> { "message", "receiveId", "randomHex" }
// An operation that throws yields { "error": "..." } in its place; the exit code is 0 unless stdin is not JSON.
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

function run(request) {
  try {
    switch (request.op) {
      case 'sign':
        return { signature: getSignature(request.token, request.timestamp, request.nonce, request.encrypt) };
      case 'encrypt': {
        const random = request.randomHex ? Buffer.from(request.randomHex, 'hex') : undefined;
        return { encrypt: encrypt(request.encodingAESKey, request.message, request.receiveId, random) };
      }
      case 'decrypt': {
        const { message, id, random } = decrypt(request.encodingAESKey, request.encrypt);
        return { message, receiveId: id, randomHex: random.toString('hex') };
      }
      default:
        return { error: `unknown op ${JSON.stringify(request.op)}` };
    }
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  input += chunk;
}

let parsed;
try {
  parsed = JSON.parse(input);
} catch (e) {
  process.stderr.write(`stdin is not JSON: ${e.message}\n`);
  process.exit(2);
}

const output = Array.isArray(parsed) ? parsed.map(run) : run(parsed);
process.stdout.write(JSON.stringify(output));
