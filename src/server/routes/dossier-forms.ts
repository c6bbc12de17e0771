import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { contentDisposition } from '../../domain/files/file-name.ts';
import { dossierForms, renderDossierForm, renderRegister } from '../../features/dossiers/dossier-forms.ts';
import type { PdfRenderer } from '../../features/pdf/pool.ts';
import { requirePrincipal } from '../auth.ts';
import { siteUrl } from '../site-url.ts';
import { AgencyCode, IsoDate, responses, StringEnum } from '../schemas.ts';

export function dossierFormRoutes(root: FastifyInstance, db: Db, config: Config, pdf: PdfRenderer): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/dossiers/:ref/forms/:form.pdf',
    {
      schema: {
        tags: ['dossier forms'],
        summary:
          'Form 01 receipt, 02 supplement request, 03 refusal, 04 apology, 05 stop notice, 06 control slip (PDF)',
        params: Type.Object(
          { ref: Type.String({ minLength: 1, maxLength: 60 }), form: StringEnum(dossierForms) },
          { additionalProperties: false },
        ),
        response: responses({}, [400, 401, 404, 409, 503]),
      },
    },
    async (request, reply) => {
      const form = await renderDossierForm(
        db,
        requirePrincipal(request),
        request.params.ref,
        request.params.form,
        { trackingBaseUrl: siteUrl(request, config), now: Date.now(), pdf },
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(form.fileName, 'inline'))
        .header('cache-control', 'private, no-store')
        .send(form.pdf);
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/v1/agencies/:code/register.${format}`,
      {
        schema: {
          tags: ['dossier forms'],
          summary: `Form 07, the dossier register of an agency for a period (${format.toUpperCase()})`,
          params: Type.Object({ code: AgencyCode }, { additionalProperties: false }),
          querystring: Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false }),
          response: responses({}, [400, 401, 403, 404, 503]),
        },
      },
      async (request, reply) => {
        const { bytes, fileName, mediaType } = await renderRegister(
          db,
          requirePrincipal(request),
          { agencyCode: request.params.code, from: request.query.from, to: request.query.to, format },
          Date.now(),
          pdf,
        );
        return reply
          .header('content-type', mediaType)
          .header('content-disposition', contentDisposition(fileName))
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  }
}
