// One typed function per catalog action of the `api` cloud function.
import type { CatalogHomeRequest, CatalogHomeResponse, StoreListResponse } from '../domain/api';
import type { LatLng } from '../domain/geo';
import { callApi } from './api';

/** Store, categories and goods for the first screen; "unchanged" when `version` is current. */
export function fetchCatalogHome(request: CatalogHomeRequest): Promise<CatalogHomeResponse> {
  return callApi('catalog.home', request);
}

/** The chain's stores, nearest first when a location is given. */
export function fetchStores(location?: LatLng): Promise<StoreListResponse> {
  return callApi('store.list', location ? { location } : {});
}
