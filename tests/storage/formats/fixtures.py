"""Export files as the platforms write them, written by the tests into a temporary folder.

Each writer returns the file's bytes after writing it, so a test reads what a user would
upload. The numbers are small on purpose: the tests add them up by hand.
"""

from __future__ import annotations

from pathlib import Path


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> bytes:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path.read_bytes()


META_EN = """\
Reporting starts,Reporting ends,Campaign name,Impressions,Reach,Frequency,Link clicks,\
Clicks (all),Results,Result indicator,Amount spent (EUR),Purchase conversion value,\
"CPM (cost per 1,000 impressions) (EUR)",CTR (link click-through rate),Cost per result
2026-11-02,2026-11-02,Zomer Actie 2026,"1,234",1000,1.23,45,60,3,\
actions:offsite_conversion.fb_pixel_purchase,"1,012.50",250.00,8.21,3.65,4.17
2026-11-03,2026-11-03,Zomer Actie 2026,2000,1500,1.33,55,70,4,\
actions:offsite_conversion.fb_pixel_purchase,20.25,300.50,10.13,2.75,5.06
2026-11-02,2026-11-02,Winter Café,500,400,1.25,5,6,,,10.00,,20.00,1.00,
"""

META_NL = """\
Start rapportage;Einde rapportage;Naam campagne;Weergaven;Bereik;Klikken op links;\
Resultaten;Besteed bedrag (EUR);Conversiewaarde aankopen;CPM (kosten per 1.000 weergaven) (EUR)
2026-11-02;2026-11-02;Zomer Actie 2026;1.234;1.000;45;3;1.012,50;2.500,75;8,21
2026-11-03;2026-11-03;Zomer Actie 2026;2000;1500;55;4;20,25;300,5;10,13
"""

META_PLACEMENT = """\
Day,Campaign name,Placement,Impressions,Link clicks,Amount spent (USD)
2026-11-02,Herfst,Facebook,100,5,1.50
2026-11-02,Herfst,Instagram,200,7,2.50
"""

META_PLATFORM_PLACEMENT = """\
Day,Campaign name,Platform,Placement,Impressions,Link clicks,Amount spent (EUR)
2026-11-02,Herfst,facebook,Feed,100,5,1.50
2026-11-02,Herfst,facebook,Right column,40,1,0.50
2026-11-02,Herfst,instagram,Stories,200,7,2.50
"""

META_PERIOD = """\
Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (EUR)
2026-11-01,2026-11-30,Zomer Actie 2026,30000,450.00
2026-11-01,2026-11-01,Winter,1000,15.00
"""

META_LEADS = """\
Day,Campaign name,Results,Result indicator,Amount spent (EUR)
2026-11-02,Leadgen NL,12,actions:lead,30.00
2026-11-02,Sales,3,actions:offsite_conversion.fb_pixel_purchase,20.00
2026-11-02,Traffic,80,actions:link_click,10.00
2026-11-02,Formulier,5,Leads,10.00
"""

LINKEDIN = """\
Campaign Performance Report (in UTC)
Report Start: 11/1/2026, 12:00 AM
Report End: 11/30/2026, 11:59 PM
Date Generated: 12/1/2026, 9:00 AM
Account Name: Acme BV
Account ID: 123

Start Date (in UTC),Account Name,Campaign Group Name,Campaign Name,Campaign ID,\
Campaign Type,Currency,Total Spent,Impressions,Clicks,Average CTR,Average CPM,Conversions,\
Leads,Reactions,Comments,Shares,Follows
11/2/2026,Acme BV,Q4,B2B Webinar,111,Sponsored Content,EUR,120.50,5000,40,0.8%,24.10,2,6,\
30,4,3,2
11/13/2026,Acme BV,Q4,B2B Webinar,111,Sponsored Content,EUR,79.50,3000,25,0.83%,26.50,1,3,\
20,1,0,1
"""

GOOGLE_ADS = """\
Campaign report
"November 1, 2026 - November 30, 2026"
Day,Campaign,Currency code,Impr.,Clicks,CTR,Avg. CPC,Cost,Conversions,Conv. value,Cost / conv.
2026-11-02,Brand NL,EUR,"1,500",120,8.00%,0.25,30.00,4.00,400.00,7.50
2026-11-03,Brand NL,EUR,900,80,8.89%,0.25,20.00,2.00,150.00,10.00
Total: Account,,EUR,"2,400",200,8.33%,0.25,50.00,6.00,550.00,8.33
Total: Search,,EUR,"2,400",200,8.33%,0.25,50.00,6.00,550.00,8.33
"""

GOOGLE_ADS_NO_DAY = """\
Campaign report
"November 1, 2026 - November 30, 2026"
Campaign,Impr.,Clicks,Cost
Brand NL,"2,400",200,50.00
"""

GA4 = """\
# ----------------------------------------
# Traffic acquisition: Session campaign
# Account: Acme
# Property: acme.nl
# ----------------------------------------
#
# Start date: 20261101
# End date: 20261130
Session campaign,Date,Sessions,Engaged sessions,Engagement rate,Key events,Total revenue
zomer_actie_2026,20261102,300,200,0.6667,12,480.00
zomer_actie_2026,20261103,250,150,0.6,8,320.5
(direct),20261102,1000,800,0.8,30,1200
(not set),20261102,10,5,0.5,0,0

# Totals section omitted
"""

GA4_NO_DATE = """\
# Start date: 20261101
# End date: 20261130
Session campaign,Sessions,Key events,Total revenue
zomer_actie_2026,550,20,800.50
"""

CANONICAL = """\
date,campaign,platform,impressions,clicks,spend
2026-11-02,zomer-actie-2026,facebook,100,7,1.50
2026-11-02,zomer-actie-2026,instagram,200,9,2.25
"""
