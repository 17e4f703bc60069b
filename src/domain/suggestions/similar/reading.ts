/**
 * Texts read once for comparison and kept compact. Every new suggestion is compared with every
 * earlier one of its village, so reading those again each time cost most of the check (some 6 µs
 * a text and 2 KB of short-lived maps and strings); here a text is read once and kept as a few
 * small arrays of numbers, its words named once in a table.
 */
import { type Analysis, analyse } from './analyse.js';

/** What a text says, as numbers of the table it was read into. Arrays keep the order the text names things in. */
export interface Reading {
  /** Feature numbers (concepts, places, leftover bigrams), each once. */
  readonly features: readonly number[];
  readonly objects: readonly number[];
  readonly places: readonly number[];
  /** Feature numbers of the groups and hamlets named (their `p:` features). */
  readonly groups: readonly number[];
  readonly hamlets: readonly number[];
  readonly workTypes: readonly number[];
  readonly aspects: readonly number[];
  readonly works: boolean;
  readonly protects: boolean;
  readonly removes: boolean;
}

const NONE: readonly number[] = Object.freeze([]);

function list(from: Iterable<number>): readonly number[] {
  const out = [...from];
  return out.length === 0 ? NONE : out;
}

/**
 * About 430 bytes a text (17 MB at this bound for texts of 20 characters): more than
 * a city's suggestions over the programme, several tens per village.
 */
const MAX_TEXTS = 40_000;
const MAX_FEATURES = 400_000;

/**
 * Texts read for comparison, kept for the life of the process up to a bound, each under a number
 * that names it (a suggestion's number). Every suggestion of a village not merged away is compared
 * with each new one of that village, so what is kept stays in use; once full, further texts are
 * read for the comparison at hand and not kept (a cache that dropped old texts for new ones would,
 * with villages taking turns, drop each just before it was needed again). A number looked up with
 * another text than the one kept under it has its text read again. Features of texts not kept are
 * forgotten at the next `refresh`, so the table is bounded too. Compare only readings taken since
 * the last `refresh`.
 */
export class Readings {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly weights: number[] = [];
  private readonly texts = new Map<number, { text: string; reading: Reading }>();
  /** Features of kept texts end here; those after it belong to texts read for one comparison. */
  private keptFeatures = 0;
  /** A text of this comparison was not kept: keep no later one either, so kept texts never use a forgotten feature. */
  private spilling = false;

  constructor(
    private readonly maxTexts = MAX_TEXTS,
    private readonly maxFeatures = MAX_FEATURES,
  ) {}

  /** Forgets the features of texts that were not kept. Call before reading the texts of one comparison, never in between. */
  refresh(): void {
    for (let f = this.keptFeatures; f < this.names.length; f++) this.ids.delete(this.names[f]!);
    this.names.length = this.keptFeatures;
    this.weights.length = this.keptFeatures;
    this.spilling = false;
  }

  /** Texts kept. */
  get size(): number {
    return this.texts.size;
  }

  /** Features named in the table. */
  get features(): number {
    return this.names.length;
  }

  /**
   * The reading of `text`, kept under `key` while there is room; without a key it is read for this
   * comparison only. Read the texts to keep first: once one is not kept, none after it is.
   */
  read(text: string, key?: number): Reading {
    const known = key === undefined ? undefined : this.texts.get(key);
    if (known && known.text === text) return known.reading;
    const reading = this.fromAnalysis(analyse(text));
    if (key !== undefined && !this.spilling && (known || this.texts.size < this.maxTexts) && this.names.length <= this.maxFeatures) {
      this.texts.set(key, { text, reading });
      this.keptFeatures = this.names.length;
    } else {
      this.spilling = true;
    }
    return reading;
  }

  /** `c:<concept>`, `p:<place>` or `b:<bigram>`. */
  name(feature: number): string {
    return this.names[feature]!;
  }

  /** The feature's weight before the village's word frequencies (a feature's key decides it). */
  weight(feature: number): number {
    return this.weights[feature]!;
  }

  isLeftover(feature: number): boolean {
    return this.names[feature]!.startsWith('b:');
  }

  private id(name: string, weight: number): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.weights.push(weight);
    }
    return id;
  }

  private fromAnalysis(a: Analysis): Reading {
    const features: number[] = [];
    for (const [name, weight] of a.features) features.push(this.id(name, weight));
    const place = (p: string) => this.ids.get(`p:${p}`)!;
    return {
      features,
      objects: list(a.objects),
      places: list(a.places),
      groups: list([...a.groups].map(place)),
      hamlets: list([...a.hamlets].map(place)),
      workTypes: list(a.workTypes),
      aspects: list(a.aspects),
      works: a.works,
      protects: a.protects,
      removes: a.removes,
    };
  }
}
