import { STATUS_CODES } from 'node:http';
import { makeProblem, PROBLEM_CONTENT_TYPE } from './problem.js';

/**
 * The raw HTTP answer to a request Node could not even parse (bad request line, huge headers):
 * problem+json like every other error, then the connection closes.
 */
export function clientErrorResponse(errorCode: string | undefined): string {
  const status = errorCode === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : errorCode === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail =
    status === 408
      ? 'The request took too long.'
      : status === 431
        ? 'The request headers are too large.'
        : 'The request is malformed.';
  const body = JSON.stringify({ ...makeProblem('VALIDATION_FAILED', detail), status, title: STATUS_CODES[status] });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}
