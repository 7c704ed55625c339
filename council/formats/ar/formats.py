# Dates as the League's documents print them: «12 يوليو 2021م», no comma inside the date
# (Django's own Arabic format is «12 يوليو، 2021»). Used by the admin and the |date filter.
DATE_FORMAT = "j F Yم"
DATETIME_FORMAT = "j F Yم، H:i"
YEAR_MONTH_FORMAT = "F Yم"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y H:i"
TIME_FORMAT = "H:i"
