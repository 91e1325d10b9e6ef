/**
 * When two 文号 are the same document number. Pure: shared by the core (plans.create, plans.update and
 * the drafter refuse a second plan with a number already in the file) and any view that compares them.
 *
 * Planners type the brackets of 渝府〔2023〕13号 in many ways (［2023］, [2023], 【2023】, (2023), with
 * spaces or full-width digits): those are one number. What is compared is the text with its width folded
 * (NFKC), its spaces removed and every such bracket read as 〔〕; the number is stored as typed.
 */
const OPEN = /[[（(【〔﹝［]/g;
const CLOSE = /[\]）)】〕﹞］]/g;

export function docNumberKey(docNumber: string): string {
  return docNumber.normalize('NFKC').replace(/\s+/g, '').replace(OPEN, '〔').replace(CLOSE, '〕');
}

/** The same document number (an empty one is no number: never the same as another). */
export function sameDocNumber(a: string, b: string): boolean {
  const ka = docNumberKey(a);
  return ka !== '' && ka === docNumberKey(b);
}
