/**
 * Variables every message template may use: the brand and the links of this deployment. The worker
 * renders sends with them and the API renders previews with the same.
 */
export function templateDefaults({ brand, publicUrl }: { brand: string; publicUrl: string }): Record<string, string> {
  return {
    brand,
    handbookUrl: `${publicUrl}/handbook`,
    surveyUrl: `${publicUrl}/survey`,
    couponUrl: `${publicUrl}/coupon`,
  };
}
