import { createRouter } from "../../http/router";
import * as handlers from "./translations.handlers";
import * as routes from "./translations.routes";

// The group route comes before `{resourceType}/{resourceId}/{locale}`, which `group/workflow/<id>` would also match.
export const translationsApi = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.masterJson, handlers.masterJson)
  .openapi(routes.importMaster, handlers.importMaster)
  .openapi(routes.uploadMaster, handlers.uploadMaster)
  .openapi(routes.upload, handlers.upload)
  .openapi(routes.retrieveGroup, handlers.retrieveGroup)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.removeGroup, handlers.removeGroup);
