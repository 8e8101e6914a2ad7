/** Text the catalogue carries in both interface languages. */
export interface Text {
  en: string;
  ja: string;
}

export type Lang = keyof Text;
