import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { lookupApplicant } from '../../features/dossiers/lookup-applicant.ts';
import { clientMeta, requirePrincipal } from '../auth.ts';
import { responses } from '../schemas.ts';
import { ApplicantLookup, ApplicantLookupBody } from '../../contracts/dossiers.ts';

/** What the one-stop desk needs beside the dossier routes. */
export function deskRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/desk/applicant-lookup',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Prefill an in-person dossier: the person with this personal ID number as their account and their latest ' +
          'dossier at the caller’s desks hold them (receiving officers only; only the applicant form’s fields; audited)',
        // A POST so that the personal ID number stays out of URLs and access logs.
        body: ApplicantLookupBody,
        response: responses({ 200: ApplicantLookup }, [400, 401, 403]),
      },
    },
    async (request) =>
      lookupApplicant(db, requirePrincipal(request), request.body.personalId, clientMeta(request)),
  );
}
