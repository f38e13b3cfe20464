import type { ComponentType } from 'react';
import type { Topology } from '../../shared/domain/topology';
import type { FeatureMessages } from './i18n/feature';

type Strings = Record<string, string>;

/** What the app shell gives a feature's page. */
export interface PageProps {
  topology: Topology | null;
  onBack: () => void;
  /** The page saved a new topology. */
  onTopologySaved: (topology: Topology) => void;
  /** Something the home's steps show may have changed. */
  onStepsChanged: () => void;
}

/**
 * One capability of the UI: its strings and its views. The home, the app bar and the catalogs
 * find every feature through the registry in features.ts; views load when first opened.
 */
export interface Feature {
  id: string;
  /** Strings the home and the app bar show for the feature (its step, its pane's name): they load with the home. */
  home?: FeatureMessages<Strings>;
  /** The feature's other strings, loaded before any view is shown (views use each other's strings). */
  messages?: () => Promise<FeatureMessages<Strings>>;
  /** The page its home step opens. */
  page?: () => Promise<ComponentType<PageProps>>;
  /** The side pane its home step and its app bar button open. */
  pane?: () => Promise<ComponentType>;
}

/** Keeps a feature's literal id, its parts and its string keys in its type, so the catalogs' key type is exact. */
export function defineFeature<const F extends Feature>(feature: F): F {
  return feature;
}
