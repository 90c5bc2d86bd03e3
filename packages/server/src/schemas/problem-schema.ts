import { errorCodes } from '@csp-onprem/domain';
import { Type } from '@sinclair/typebox';
import { serverProblemCodes } from '../problems/problem-types.js';
import { named } from './named.js';

/** An RFC 9457 problem body (`application/problem+json`). */
export const ProblemSchema = named(
  'Problem',
  Type.Object(
    {
      type: Type.String({ description: '`urn:csp-onprem:problem:<code>`.' }),
      title: Type.String({ description: 'Fixed for each code.' }),
      status: Type.Integer(),
      detail: Type.String({ description: 'What went wrong this time; never a key, a token or a stack.' }),
      code: Type.Unsafe<string>({ type: 'string', enum: [...errorCodes, ...serverProblemCodes] }),
      requestId: Type.String({ description: 'The request id (also the engine\'s correlation id and the x-request-id header): the log says more under it.' }),
      errors: Type.Optional(
        Type.Array(Type.Object({ path: Type.String(), expected: Type.String(), found: Type.String() }, { additionalProperties: false }), { description: 'For InvalidCommand: each failing path.' }),
      ),
    },
    { additionalProperties: false },
  ),
);
