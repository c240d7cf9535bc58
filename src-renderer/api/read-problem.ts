import { ProblemSchema } from '../../src-shared/problem.js';
import { ApiError } from './api-error.js';

/**
 * Turns a non-2xx response into an ApiError. A problem+json body gives the code, the detail and
 * the field errors; anything else (a proxy's HTML page, an empty body) still becomes a typed error.
 */
export async function readProblem(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: handled below as a plain HTTP error
  }
  const parsed = ProblemSchema.safeParse(json);
  if (parsed.success) {
    const problem = parsed.data;
    return new ApiError({
      status: response.status,
      code: problem.code,
      message: problem.detail || problem.title,
      fieldErrors: problem.errors ?? [],
      problem,
    });
  }
  return new ApiError({
    status: response.status,
    code: 'HTTP_ERROR',
    message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
  });
}
