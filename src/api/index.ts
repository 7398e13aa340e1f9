/**
 * The API layer: resource types with upstream's names, loading, defaults and validation.
 * Callers (`argus run`, `argus validate`, explain, the controller, the server) start here.
 */
export { admissionReview, type AdmissionOperation, type AdmissionResponse } from './admission.js';
export {
  applyDefaults,
  deepFreeze,
  DEFAULT_EVENT_BUS,
  type ResourceKind,
  type ResourceOfKind,
} from './defaults.js';
export {
  judgeDocuments,
  listManifestFiles,
  loadResources,
  parseManifestText,
  requireValid,
  MANIFEST_EXTENSIONS,
  type LoadResult,
  type ParsedDocument,
  type SkippedDocument,
} from './load.js';
export {
  API_VERSION,
  classifyDocument,
  RESOURCE_KINDS,
  validateResource,
  type AnyResourceReport,
  type DocumentClass,
  type LocatedIssue,
  type ResourceReport,
  type ValidateResourceOptions,
} from './resource.js';
