# The follow-up board's "has the body met since?" for each open action: one index range (see the model).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('council', '0009_versions_of_the_other_records'),
        ('meetings', '0033_drop_session_year_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='session',
            index=models.Index(fields=['body', 'start_date'], name='session_body_start_date'),
        ),
    ]
